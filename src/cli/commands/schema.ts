/** `kmsplan schema`: print the JSON Schema of scenario files (for editors' YAML completion). */
import type { Argv } from "yargs";
import { scenarioJsonSchema } from "../../scenario/index.js";
import type { CliIo } from "../io.js";

export function schemaCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "schema",
    "Print the JSON Schema of scenario files (also in scenarios/scenario.schema.json)",
    (c) => c,
    () => {
      io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
    },
  );
}
