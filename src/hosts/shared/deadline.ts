/**
 * A host API that may never answer gets a deadline: Thunderbird 153.8 leaves
 * messageDisplay.getDisplayedMessages pending forever for the tab of a
 * message it cannot decrypt (seen headless), and a view waiting on it would
 * spin for good.
 */
export class HostTimeout extends Error {}

/** `promise`, or a HostTimeout with `message` after `ms`. The timer never outlives the answer. */
export function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostTimeout(message)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
