// The front door's one question: who is calling? No Authorization header is an anonymous caller
// (the catalog is public); a header that does not carry a valid token is refused outright, so a
// client with an expired token learns it instead of silently becoming anonymous.
import { unauthenticatedRequest } from "@trolley/errors";
import { anonymous, InvalidTokenError, verifyAccessToken, type Identity, type TokenSettings } from "@trolley/identity";

export async function authenticate(authorization: string | undefined, settings: TokenSettings): Promise<Identity> {
  if (!authorization) return anonymous;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticatedRequest("The Authorization header must be `Bearer <token>`.");
  try {
    return await verifyAccessToken(match[1], settings);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticatedRequest(`The bearer token is not valid (${error.message}).`);
    throw error;
  }
}
