import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  { ignores: ["node_modules/**", ".next*/**", "generated/**", "test-results/**", "playwright-report/**", "public/swagger/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The layering the tree shows (ARCHITECTURE.md): lib never reaches into app/, and the
    // detection engine is pure math that imports nothing outside its own folder.
    files: ["lib/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      // Modules that import each other have no order to read them in; one of them holds what both need.
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: ["./lib", "./components"], from: "./app", message: "lib/ must not import from app/: move shared code into its domain under lib/." },
            { target: "./lib/detection", from: "./", except: ["./lib/detection"], message: "lib/detection is pure: it imports nothing outside lib/detection." },
            { target: ["./lib/client", "./components"], from: "./lib/db", message: "lib/client runs in the browser: it talks to the API, never to the database." },
          ],
        },
      ],
    },
  },
  {
    // Browser code reaches the server only over HTTP: it may import the domains' schemas and
    // endpoint definitions (pure data) and their types, never their server functions.
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/*/*",
                "!@/lib/client/*",
                "!@/lib/*/schemas",
                "!@/lib/*/endpoints",
                "!@/lib/http/endpoint",
              ],
              allowTypeImports: true,
              message: "Browser code imports server modules only as types; values come from schemas, endpoint definitions or lib/vocabulary.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
