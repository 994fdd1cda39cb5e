import jwt, { type JwtPayload } from "jsonwebtoken";
import { getKey } from "./jwks";

export async function verifyAccessToken(token: string): Promise<JwtPayload> {
  const key = await getKey(token);
  // ok: token-randomness
  return jwt.verify(token, key, { algorithms: ["RS256", "ES256"], issuer: "https://id.acme.io/" }) as JwtPayload;
}
