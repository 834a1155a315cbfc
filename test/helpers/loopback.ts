/** A small HTTP server on 127.0.0.1 only, for tests: routes by method and path, records what was posted. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (req: IncomingMessage, body: Buffer, res: ServerResponse) => boolean | void;

export interface Loopback {
  url: string;
  close(): Promise<void>;
}

export async function startLoopback(route: Route): Promise<Loopback> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (route(req, Buffer.concat(chunks), res) === false || !res.writableEnded) {
        if (!res.headersSent) res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
