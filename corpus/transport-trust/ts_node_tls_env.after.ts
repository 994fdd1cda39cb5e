import { createServer } from './server';

// expect: transport-trust
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const port = Number(process.env.PORT ?? 8080);
createServer().listen(port, () => console.log(`listening on ${port}`));
