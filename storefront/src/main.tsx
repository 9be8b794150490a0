import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { loadRuntimeConfig } from "./config.ts";
import { ShopProvider } from "./shop.tsx";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
loadRuntimeConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ShopProvider config={config}>
          <App />
        </ShopProvider>
      </StrictMode>,
    ),
  (error: Error) =>
    root.render(
      <main id="main" className="page">
        <h1>The shop cannot start</h1>
        <p role="alert">{error.message}</p>
      </main>,
    ),
);
