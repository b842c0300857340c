// The CLI's command table. Each area registers its commands in its own module.
import type { Command } from "../io";
import { coreCommands } from "./core";
import { detectSeriesCommand } from "./detect-series";
import { importCommands } from "./import";
import { teamCommands } from "./team";
import { webCommands } from "./web";

export const commands: Record<string, Command> = {
  ...coreCommands,
  ...detectSeriesCommand,
  ...importCommands,
  ...teamCommands,
  ...webCommands,
};
