/**
 * A queue that runs the tasks given to it one after another, in the order
 * given, each starting only once the one before has settled. For work that
 * reads, changes and writes shared state: two settings saves from quick clicks
 * (a theme and a site toggle), or two syncs of the reader's sites, would
 * otherwise both read the old state and the later write would undo the
 * earlier one. A failed task does not stop the ones after it.
 */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = last.then(task);
    last = result.catch(() => undefined);
    return result;
  };
}
