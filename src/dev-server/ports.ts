/** A port someone else holds: said in words, with the way out. */
export class PortInUse extends Error {
  constructor(
    readonly what: string,
    readonly port: number,
    flag: string,
  ) {
    super(
      `port ${port} (${what}) is in use — is \`npm start\` ` +
        `already running? Stop it, or pick another port with ${flag}.`,
    );
    this.name = 'PortInUse';
  }
}

/**
 * Runs `start` (which listens on `port`) and turns EADDRINUSE into
 * a PortInUse naming the server and the option that moves it.
 */
export async function listening<T>(what: string, port: number, flag: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') throw new PortInUse(what, port, flag);
    throw error;
  }
}
