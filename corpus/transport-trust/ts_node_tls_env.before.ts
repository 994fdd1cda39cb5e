import { createServer } from './server';


const port = Number(process.env.PORT ?? 8080);
createServer().listen(port, () => console.log(`listening on ${port}`));
