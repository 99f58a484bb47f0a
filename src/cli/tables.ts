import Table from 'cli-table3';

/**
 * A table for the terminal. Colour only on a terminal and when NO_COLOR is not set
 * (https://no-color.org): piped into a file or another program, it is plain text.
 */
export function terminalTable(options: ConstructorParameters<typeof Table>[0] = {}): InstanceType<typeof Table> {
  const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
  return new Table({ ...options, style: { ...(colour ? {} : { head: [], border: [] }), ...options.style } });
}
