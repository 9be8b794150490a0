import { contextConfig } from "../context-config.ts";

export default contextConfig("shipping");
