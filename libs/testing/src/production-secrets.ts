// Secrets a production configuration accepts (32 bytes or more, no shipped default), new every run.
import { randomBytes } from "node:crypto";

export const PRODUCTION_JWT_SECRET = `test-jwt-${randomBytes(24).toString("base64url")}`;
export const PRODUCTION_INTERNAL_SECRET = `test-internal-${randomBytes(24).toString("base64url")}`;
