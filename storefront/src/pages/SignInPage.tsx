// Development sign-in: a user token from the dev server's POST /dev/sign-in, then the guest's cart
// merged into the user's, showing what the merge had to cap or leave behind. Only built when
// __DEV_SIGN_IN__ is true (never in the production build).
import { useState, type FormEvent } from "react";
import { MergeGuestCartDocument } from "../gql/graphql.ts";
import { Problems, type Problem } from "../components/Messages.tsx";
import { Link } from "../router.tsx";
import { useShop } from "../shop.tsx";

export function SignInPage() {
  const shop = useShop();
  const [userId, setUserId] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ errors: Problem[]; warnings: Problem[]; done: boolean } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await fetch("/dev/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: userId.trim() }) });
      const body = (await response.json()) as { token?: string; error?: string };
      if (!response.ok || !body.token) return setResult({ errors: [{ code: "SIGN_IN_FAILED", message: body.error ?? "Signing in failed." }], warnings: [], done: false });
      const guest = shop.session.kind === "guest" ? shop.session.token : null;
      let outcome = { errors: [] as Problem[], warnings: [] as Problem[], done: true };
      await shop.switchSession({ token: body.token, kind: "user", userId: userId.trim() }, async () => {
        if (!guest) return;
        const merged = await shop.client.apollo.mutate({ mutation: MergeGuestCartDocument, variables: { guestToken: guest } });
        const payload = merged.data?.mergeGuestCart;
        outcome = {
          errors: payload?.userErrors ?? [{ code: "REQUEST_FAILED", message: merged.error?.message ?? "Your guest cart could not be merged." }],
          warnings: payload?.warnings ?? [],
          done: true,
        };
      });
      setResult(outcome);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Sign in</h1>
      {shop.session.kind === "user" && !result ? <p>You are signed in as {shop.session.userId}.</p> : null}
      <form onSubmit={submit}>
        <p className="muted">Development sign-in: any user id, no password.</p>
        <div className="field">
          <label htmlFor="user-id">User id</label>
          <input id="user-id" value={userId} onChange={(e) => setUserId(e.target.value)} autoComplete="username" required />
        </div>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {result?.done ? (
        <p role="status" className="message success">
          Signed in as {shop.session.userId}. {result.warnings.length ? "Your guest cart was merged, with changes:" : "Your guest cart was merged."} <Link to="/cart">View cart</Link>
        </p>
      ) : null}
      <Problems errors={result?.errors} warnings={result?.warnings} label="Sign-in problem" />
    </>
  );
}
