// The shop's state around every page: the Apollo client, the session (a guest session is started
// on the first visit) and the live cart subscription writing pushed carts into the cache.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { ApolloProvider, useSubscription } from "@apollo/client/react";
import { createStorefrontClient, type StorefrontClient } from "./apollo.ts";
import type { RuntimeConfig } from "./config.ts";
import { CartDocument, CartUpdatedDocument, StartGuestSessionDocument, type CartFieldsFragment } from "./gql/graphql.ts";
import { currentSession, onSessionChange, saveSession, type Session } from "./session.ts";
import type { ApolloCache } from "@apollo/client";

interface Shop {
  client: StorefrontClient;
  session: Session;
  /**
   * Switches identity (sign in or out): `meanwhile` runs with the new token (e.g. the merge), then
   * every active query is fetched again for the new caller and the live cart reconnects.
   */
  switchSession(session: Session, meanwhile?: () => Promise<void>): Promise<void>;
}

const ShopContext = createContext<Shop | null>(null);

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error("useShop outside ShopProvider");
  return shop;
}

/** The cart every view reads: a mutation's answer or a push replaces it whole. */
export function writeCart(cache: ApolloCache, cart: CartFieldsFragment): void {
  cache.writeQuery({ query: CartDocument, data: { cart } });
}

async function startGuest(client: StorefrontClient): Promise<Session> {
  const { data, error } = await client.apollo.mutate({ mutation: StartGuestSessionDocument });
  if (!data) throw error ?? new Error("no guest session");
  const session: Session = { token: data.startGuestSession.token, kind: "guest" };
  saveSession(session);
  return session;
}

export function ShopProvider({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  const [client] = useState(() => createStorefrontClient({ graphqlUrl: config.graphqlUrl, subscriptionsUrl: config.subscriptionsUrl, token: () => currentSession()?.token ?? null }));
  const [session, setSession] = useState<Session | null>(currentSession);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => {
    if (session) return;
    startGuest(client).catch((error: Error) => setFailure(error.message));
  }, [client, session]);

  if (failure) {
    return (
      <main id="main" className="page">
        <h1>The shop cannot be reached</h1>
        <p role="alert">Starting your session failed: {failure}. Please reload the page.</p>
      </main>
    );
  }
  if (!session) {
    return (
      <main id="main" className="page">
        <p role="status">Opening the shop…</p>
      </main>
    );
  }
  const shop: Shop = {
    client,
    session,
    async switchSession(next, meanwhile) {
      saveSession(next);
      try {
        await meanwhile?.();
      } finally {
        client.reconnect();
        await client.apollo.resetStore();
      }
    },
  };
  return (
    <ShopContext.Provider value={shop}>
      <ApolloProvider client={client.apollo}>
        <LiveCart key={session.token} />
        {children}
      </ApolloProvider>
    </ShopContext.Provider>
  );
}

/** Another tab or device changed the cart (or a price did): the gateway pushes it, and it replaces ours. */
function LiveCart() {
  useSubscription(CartUpdatedDocument, {
    // A degraded push (the catalog unreachable: lines without their products, with an error naming
    // it) is still the cart as it is now.
    errorPolicy: "all",
    onData: ({ client, data }) => {
      const cart = data.data?.cartUpdated.cart;
      if (cart) writeCart(client.cache, cart);
    },
  });
  return null;
}
