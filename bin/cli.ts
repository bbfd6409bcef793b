// Dispatches `truckroll <command> …` to the packages that own each command.
const HELP = `usage: truckroll <command> [options]

commands:
  solve <problem.json | solomon.txt>   solve a day and print the board (--json for JSON)
  check <problem> <board.json>         verify a board with the independent checker
  replan <problem> <board.json> <events.json>
                                       re-plan a board for what happened (who moved, emergencies)
  generate --size small|medium|large   generate a realistic contractor day (seeded)
  sim <scenario.json> [--policy engine,greedy,static] [--seeds N] [--report FILE]
                                       replay a day of calls, cancellations and emergencies
                                       under each policy; KPIs side by side (sim sweep: what-ifs)
  schema [--out DIR]                   write the JSON Schemas of Problem and Board
  calibrate --osrm URL <problem.json>  fit the great-circle travel settings to an OSRM server
  directions --osrm URL <problem> <board.json>
                                       turn-by-turn directions for each technician's day
  serve [--port P] [--host H] [--db FILE] [--threads N]
                                       run the dispatch API (docs at /docs)
  backup --db FILE --out FILE          copy the API's database (and its tracking key) while
                                       the server runs, and check the copy

Run \`truckroll <command> --help\` for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'solve':
      return (await import('@truckroll/solver/cli')).solveCommand(rest);
    case 'check':
      return (await import('@truckroll/solver/cli')).checkCommand(rest);
    case 'replan':
      return (await import('@truckroll/solver/cli')).replanCommand(rest);
    case 'schema':
      return (await import('@truckroll/solver/cli')).schemaCommand(rest);
    case 'calibrate':
      return (await import('@truckroll/solver/cli')).calibrateCommand(rest);
    case 'directions':
      return (await import('@truckroll/solver/cli')).directionsCommand(rest);
    case 'serve':
      return (await import('@truckroll/api/cli/serve')).serveCommand(rest);
    case 'backup':
      return (await import('@truckroll/api/cli/backup')).backupCommand(rest);
    case 'generate':
      return (await import('@truckroll/sim/cli/generate')).generateCommand(rest);
    case 'sim':
      return (await import('@truckroll/sim/cli/sim')).simCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`usage error: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}
