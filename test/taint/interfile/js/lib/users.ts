import { runQuery } from './db';

export function findUser(name: string) {
  return runQuery("SELECT * FROM users WHERE name = '" + name + "'");
}
