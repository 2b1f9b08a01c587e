import { defineConfig } from "tsdown";
import { library } from "../../tsdown.lib";

export default defineConfig(library);
