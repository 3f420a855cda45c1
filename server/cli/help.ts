import { COMMANDS } from './commands';

/** The text printed by `help`. */
export function helpText(): string {
  const lines = ['Biên Bản operator CLI: npm run cli -- <command> [--flags]', '', 'Commands:'];
  for (const command of COMMANDS) {
    const positional: readonly string[] = command.positional === undefined ? [] : [command.positional].flat();
    const flags = Object.entries(command.flags).map(([name, spec]) => {
      if (positional.includes(name)) return `<${name}>`;
      const flag = spec.type === 'boolean' ? `--${name}` : `--${name} <value>`;
      return spec.required ? flag : `[${flag}]`;
    });
    lines.push(`  ${[command.name, ...flags].join(' ')}`, `      ${command.summary}`);
  }
  lines.push('  help', '      Prints this text', '');
  lines.push('Results are printed as JSON on stdout; errors on stderr (exit 1, or 2 for a wrong command line).');
  lines.push('DATA_DIR or DATABASE_URL choose the database, as for the server.');
  return lines.join('\n');
}
