/**
 * Errors raised by the MLP core. Both carry a stable `name` so a Worker can forward them across
 * `postMessage` (which drops the prototype) and the receiver can still tell them apart.
 */

/**
 * Bad input to the MLP core: a wrong shape, a non-finite number, an out-of-range option or an
 * unknown name. The message names the offending argument and what was expected.
 *
 * @example
 * try { initMlp({ hidden: -1, seed: 1 }) } catch (e) { if (e instanceof NnInputError) showError(e.message) }
 */
export class NnInputError extends Error {
  override readonly name = "NnInputError";
}

/**
 * A network whose parameters are no longer finite (a diverged run) was asked for something that
 * would otherwise be silently wrong, such as a decision map.
 */
export class NnDivergedError extends Error {
  override readonly name = "NnDivergedError";
}
