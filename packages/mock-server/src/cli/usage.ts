/** A usage error: what is wrong, then the help, on stderr; exit code 2 (as getopt tools do). */
export function usageError(message: string, help: string, bin = 'credit-check-mock'): void {
  console.error(`${bin}: ${message}\n\n${help}`);
  process.exitCode = 2;
}
