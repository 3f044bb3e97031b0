// Moved to lib/typeorm; kept for the modules outside lib/metadata that still import it from here.
export { typeormVersion } from "../typeorm";
