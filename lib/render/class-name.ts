/** `"Added new fields!"` → `AddedNewFields`; a class name TypeORM accepts once the timestamp is appended. */
export function classNameFor(message: string, timestamp: number): string {
    const words = message
        .normalize("NFKD")
        .replace(/[^A-Za-z0-9]+/g, " ")
        .trim()
        .split(" ")
        .filter(Boolean);
    let base = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
    if (base === "") base = "Migration";
    if (/^\d/.test(base)) base = `Migration${base}`;
    return `${base}${timestamp}`;
}

/** `"Added new fields!"` → `added-new-fields`, for the file name. */
export function slugFor(message: string): string {
    const slug = message
        .normalize("NFKD")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 60)
        .replace(/-+$/, "");
    return slug === "" ? "migration" : slug;
}
