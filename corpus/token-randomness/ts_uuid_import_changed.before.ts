import { v4 as uuidv4 } from 'uuid';

export function newRequestToken(): string {
  return uuidv4();
}
