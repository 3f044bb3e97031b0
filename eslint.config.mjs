// @ts-check
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

/** A database's or driver's name as a string: only the dialect folders, the TypeORM adapter and the model's type may spell one. */
const dialectNameLiteral = "Literal[value=/^(postgres|postgresql|mysql|mariadb|sqlite|better-sqlite3|sqljs|cockroachdb|mssql|oracle)$/]";
const dialectNameRule = {
    selector: `:not(ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression, TSExternalModuleReference) > ${dialectNameLiteral}`,
    message: "Ask the dialect object (lib/dialects) instead of naming a dialect.",
};
/** Casts that switch the type checker off: only lib/typeorm, where TypeORM's internals are reached, may use them. */
const uncheckedCastRules = [
    { selector: "TSAsExpression > TSUnknownKeyword, TSAsExpression > TSAnyKeyword", message: "No casts through unknown/any outside lib/typeorm." },
    { selector: "TSTypeAssertion > TSUnknownKeyword, TSTypeAssertion > TSAnyKeyword", message: "No casts through unknown/any outside lib/typeorm." },
];

export default tseslint.config(
    { ignores: ["dist/**", "dist-*/**", "node_modules/**", "compat/**", "migrations-sample/**", ".tmp/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            // Methods satisfy async contracts (TypeORM's MigrationInterface, QueryRunner) without awaiting anything themselves.
            "@typescript-eslint/require-await": "off",
            // require() is how the CLI and the dialect registry load TypeORM and one dialect only when a command needs them.
            "@typescript-eslint/no-require-imports": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
        },
    },
    {
        files: ["lib/**/*.ts", "cli/**/*.ts"],
        ignores: ["lib/typeorm/**", "lib/dialects/**"],
        rules: { "no-restricted-syntax": ["error", dialectNameRule, ...uncheckedCastRules] },
    },
    {
        files: ["lib/dialects/**/*.ts"],
        rules: { "no-restricted-syntax": ["error", ...uncheckedCastRules] },
    },
    {
        // The model names the dialects a snapshot may hold; that one type is the list.
        files: ["lib/schema/model.ts"],
        rules: { "no-restricted-syntax": ["error", ...uncheckedCastRules] },
    },
    prettier,
);
