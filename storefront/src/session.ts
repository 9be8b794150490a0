// The shopper's tokens, kept in localStorage: the one sent with every request, and while signed
// in, nothing else; as a guest, the guest token (what mergeGuestCart takes on sign-in).
const TOKEN = "trolley.token";
const KIND = "trolley.kind";
const USER = "trolley.user";

export type SessionKind = "guest" | "user";

export interface Session {
  token: string;
  kind: SessionKind;
  userId?: string;
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function currentSession(): Session | null {
  const token = localStorage.getItem(TOKEN);
  if (!token) return null;
  const kind = localStorage.getItem(KIND) === "user" ? "user" : "guest";
  return { token, kind, userId: localStorage.getItem(USER) ?? undefined };
}

export function saveSession(session: Session | null): void {
  if (session) {
    localStorage.setItem(TOKEN, session.token);
    localStorage.setItem(KIND, session.kind);
    if (session.userId) localStorage.setItem(USER, session.userId);
    else localStorage.removeItem(USER);
  } else {
    for (const key of [TOKEN, KIND, USER]) localStorage.removeItem(key);
  }
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
