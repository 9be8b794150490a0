// The front door's one question: who is calling? No Authorization header is an anonymous caller
// (the catalog is public); a header that does not carry a valid token is refused outright, so a
// client with an expired token learns it instead of silently becoming anonymous.
import { GraphQLError } from "graphql";
import { unauthenticatedRequest, type RequestErrorCode } from "@trolley/errors";
import { anonymous, InvalidTokenError, JwksUnavailableError, type Identity, type TokenVerifier } from "@trolley/identity";

export async function authenticate(authorization: string | undefined, tokens: TokenVerifier): Promise<Identity> {
  if (!authorization) return anonymous;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticatedRequest("The Authorization header must be `Bearer <token>`.");
  try {
    return await tokens.verify(match[1]);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticatedRequest(`The bearer token is not valid (${error.message}).`);
    if (error instanceof JwksUnavailableError) {
      // Not the client's fault, and not a reason to treat it as anonymous: retry later.
      const code: RequestErrorCode = "SERVICE_UNAVAILABLE";
      throw new GraphQLError("Tokens cannot be checked right now; retry later.", { extensions: { code, http: { status: 503 } } });
    }
    throw error;
  }
}
