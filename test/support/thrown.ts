/** The error a function throws, as {name, message} (SuiteScriptErrors are plain objects in the script's realm). */
export function thrown(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (e) {
    const { name, message } = e as { name: string; message: string };
    return { name, message };
  }
  throw new Error('nothing was thrown');
}
