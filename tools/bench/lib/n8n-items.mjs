// Input items for item 4, as a workflow would receive them from a spreadsheet: plates that exist,
// some typed in lower case, with a space or a hyphen, and some repeated, so the node's
// de-duplication (distinct < items) shows in the request count.

/** The spelling core and the node normalise to (core's normaliseKjennemerke, without NFC). */
export function normalisePlate(plate) {
  return plate.replace(/[\s-]+/g, '').toUpperCase();
}

export function distinctPlates(spellings) {
  return new Set(spellings.map(normalisePlate)).size;
}

/** "AB12345" as a person might type it: `variant` 0 upper, 1 lower, 2 "ab 12345", 3 "AB-12345". */
export function spell(plate, variant) {
  const letters = plate.slice(0, 2);
  const rest = plate.slice(2);
  switch (variant % 4) {
    case 1:
      return plate.toLowerCase();
    case 2:
      return `${letters.toLowerCase()} ${rest}`;
    case 3:
      return `${letters}-${rest}`;
    default:
      return plate;
  }
}

/**
 * `count` spellings over `round(count × distinctShare)` distinct plates taken from `plates`: every
 * distinct plate once (every fifth in another spelling), and the repeats, each in a spelling other
 * than upper case, interleaved evenly so the batch the node sees is not sorted by plate.
 */
export function inputSpellings(plates, count, { distinctShare = 0.9 } = {}) {
  if (!(distinctShare > 0 && distinctShare <= 1)) throw new RangeError('distinctShare must be in (0, 1]');
  const distinct = Math.max(1, Math.round(count * distinctShare));
  if (plates.length < distinct) throw new RangeError(`${distinct} distinct plates needed, ${plates.length} given`);
  const firsts = plates.slice(0, distinct).map((plate, i) => spell(plate, i % 5 === 0 ? 1 + (i % 3) : 0));
  const repeats = Array.from({ length: count - distinct }, (_, j) => {
    const i = (j * 7) % distinct;
    return spell(plates[i], 1 + ((j + 1) % 3));
  });
  // Repeat k goes after distinct plate ⌊k × distinct / repeats⌋, so both lists keep their order.
  const out = [];
  let next = 0;
  firsts.forEach((plate, i) => {
    out.push(plate);
    while (next < repeats.length && Math.floor((next * distinct) / repeats.length) === i) out.push(repeats[next++]);
  });
  return out;
}
