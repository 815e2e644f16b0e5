/** The command table: each entry adds one command to the parser. */
import type { Argv } from "yargs";
import type { CliIo } from "../io.js";
import { simulateCommand } from "./simulate.js";
import { validateCommand } from "./validate.js";
import { schemaCommand } from "./schema.js";
import { emulateCommand } from "./emulate.js";
import { liveCommand } from "./live.js";
import { cleanupCommand } from "./cleanup.js";
import { compareCommand } from "./compare.js";
import { rehearseCommand } from "./rehearse.js";

export type CommandModule = (y: Argv, io: CliIo) => Argv;

export const commands: CommandModule[] = [simulateCommand, validateCommand, schemaCommand, emulateCommand, liveCommand, cleanupCommand, compareCommand, rehearseCommand];
