// The matched letters of a search answer in <mark>: `ranges` are [start, end) offsets in grapheme clusters
// (Swift's Characters, SPEC.md "Search"), so the text is split with Intl.Segmenter, never by UTF-16 units.

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** `text` as a fragment with the clusters inside `ranges` wrapped in <mark>. */
export function highlighted(text, ranges = []) {
  const clusters = Array.from(graphemes.segment(text), (part) => part.segment);
  const marked = new Array(clusters.length).fill(false);
  for (const [start, end] of ranges) {
    for (let index = Math.max(0, start); index < Math.min(end, clusters.length); index += 1) marked[index] = true;
  }
  const fragment = document.createDocumentFragment();
  let index = 0;
  while (index < clusters.length) {
    const inMark = marked[index];
    let run = "";
    while (index < clusters.length && marked[index] === inMark) run += clusters[index++];
    if (inMark) {
      const mark = document.createElement("mark");
      mark.textContent = run;
      fragment.append(mark);
    } else {
      fragment.append(run);
    }
  }
  return fragment;
}
