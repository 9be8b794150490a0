// The page frame (skip link, header with navigation, main, footer) and the routes.
import { useQuery } from "@apollo/client/react";
import { CartDocument } from "./gql/graphql.ts";
import { CartPage } from "./pages/CartPage.tsx";
import { CatalogPage } from "./pages/CatalogPage.tsx";
import { CheckoutPage } from "./pages/CheckoutPage.tsx";
import { OrderPage } from "./pages/OrderPage.tsx";
import { OrdersPage } from "./pages/OrdersPage.tsx";
import { PaymentPage } from "./pages/PaymentPage.tsx";
import { ProductPage } from "./pages/ProductPage.tsx";
import { SignInPage } from "./pages/SignInPage.tsx";
import { Link, match, useFocusOnNavigation, useLocation } from "./router.tsx";
import { useShop } from "./shop.tsx";

function Page({ path }: { path: string }) {
  let params: Record<string, string> | null;
  if (path === "/" || path === "") return <CatalogPage />;
  if ((params = match("/products/:id", path))) return <ProductRoute id={params.id} />;
  if (path === "/cart") return <CartPage />;
  if (path === "/checkout") return <CheckoutPage />;
  if (path === "/orders") return <OrdersPage />;
  if ((params = match("/orders/:id/pay", path))) return <PaymentPage orderId={params.id} />;
  if ((params = match("/orders/:id", path))) return <OrderPage id={params.id} />;
  if (__DEV_SIGN_IN__ && path === "/sign-in") return <SignInPage />;
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        <Link to="/">Back to the catalog</Link>
      </p>
    </>
  );
}

const ProductRoute = ({ id }: { id: string }) => <ProductPage key={id} id={id} />;

function CartLink() {
  const { data } = useQuery(CartDocument);
  const count = data?.cart.totalQuantity ?? 0;
  return (
    <Link to="/cart" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}>
      Cart <span className="badge" data-testid="cart-count">{count}</span>
    </Link>
  );
}

export function App() {
  const { path } = useLocation();
  const { session } = useShop();
  useFocusOnNavigation(path);
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Trolley
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/">Catalog</Link>
            </li>
            <li>
              <CartLink />
            </li>
            <li>
              <Link to="/orders">Orders</Link>
            </li>
            {__DEV_SIGN_IN__ ? (
              <li>
                <Link to="/sign-in">{session.kind === "user" ? `Signed in: ${session.userId}` : "Sign in"}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <main id="main" className="page">
        <Page path={path} />
      </main>
      <footer className="site-footer">
        <p>Trolley demo shop. Prices in the shop's currency; test cards only.</p>
      </footer>
    </>
  );
}
