/*
 * Search ranking for the book: Sphinx's default scores, except that hits
 * on the API reference page count less, so that a search for a concept
 * ("eigenvector") lists the chapter that teaches it before the module
 * named after that chapter. Loaded through html_search_scorer.
 */
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    return docname === "appendix/api" ? score - 10 : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
