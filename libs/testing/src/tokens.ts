// Bearer tokens for tests, signed with the development secret the processes default to.
import { randomUUID } from "node:crypto";
import { signAccessToken, type Role } from "@trolley/identity";

export const DEV_JWT_SECRET = "dev-jwt-secret-change-me";

export async function userToken(options: { sub?: string; roles?: Role[]; secret?: string } = {}): Promise<string> {
  const { token } = await signAccessToken({ sub: options.sub ?? `user-${randomUUID()}`, roles: options.roles ?? ["customer"] }, { secret: options.secret ?? DEV_JWT_SECRET });
  return token;
}
