import type { Request, Response } from "express";
import { authenticate } from "./users";

interface Session {
  userId: string;
  createdAt: number;
}

const sessions = new Map<string, Session>();
let nextSessionId = 1;

export async function login(req: Request, res: Response) {
  const user = await authenticate(req.body.username, req.body.password);
  if (!user) {
    res.status(401).send("Unauthorized");
    return;
  }
  // expect: token-randomness
  const sid = String(nextSessionId++);
  sessions.set(sid, { userId: user.id, createdAt: Date.now() });
  res.cookie("sid", sid, { httpOnly: true, sameSite: "lax" });
  res.sendStatus(204);
}
