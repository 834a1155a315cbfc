declare module "*/webpack.config.js" { const config: unknown; export default config; }
