/* Search that stems the reader's words as it stems the pages'.
 *
 * The theme's search worker adds a trailing wildcard to every word typed, and lunr runs no pipeline
 * on a word with a wildcard: "prognoserna" is looked up as itself, never as its stem "prognos", so an
 * inflected form finds nothing. This worker loads the theme's own worker (its file name comes in the
 * `worker` query parameter, written by overrides/main.html, so a theme upgrade keeps working) and
 * then reduces each wildcard word to its stem with the index's own search pipeline: the language's
 * trimmer, stop words and stemmer, which the per-language index config switches on. The wildcard
 * stays, so a word still matches while it is being typed. It lives beside the theme's worker, which
 * loads the language stemmers relative to itself.
 */
"use strict";

const worker = new URL(self.location.href).searchParams.get("worker");
if (!worker || !/^[\w.-]+\.js$/.test(worker))
  throw new Error("stemming.js: the theme's worker is named in ?worker=");
importScripts(worker);

/* The search pipeline of the index last built: the language's, once the index is set up. */
let pipeline = null;

const build = lunr.Builder.prototype.build;
lunr.Builder.prototype.build = function () {
  pipeline = this.searchPipeline;
  return build.apply(this, arguments);
};

/* Every query clause passes here, both when the theme searches and when it checks which words a
 * result lacks, so the two agree. Only a plain word with a trailing wildcard is stemmed: a quoted,
 * fuzzy or leading-wildcard word is left as the reader typed it. */
const clause = lunr.Query.prototype.clause;
lunr.Query.prototype.clause = function (spec) {
  const word = /^([^*]+)\*$/.exec(spec.term || "");
  if (pipeline && word && spec.usePipeline === false && !("editDistance" in spec)) {
    const stems = pipeline.runString(word[1]);
    if (stems.length === 1 && stems[0])
      spec.term = stems[0] + "*";
  }
  return clause.call(this, spec);
};
