// The playground: GraphiQL (vendored, loaded before this file) pointed at the
// API, opening with the README's three questions as ready tabs.
//
// The address can open any document: /?query=<document>&variables=<JSON>
// adds it as a tab of its own (or selects it, when a tab already holds it).
// The same parameters after # work too, for documents too long for a
// request line (the fragment never reaches the server). lang=ko writes the
// questions' comments in Korean.
//
// Tabs are kept in localStorage under a key of this page's own, one set per
// language, so another GraphiQL on the same host (localhost:8080…) neither
// shows here nor loses its tabs. Headers (an admin token) are not kept.
(function () {
  'use strict';

  // The page's Content-Security-Policy allows inline styles only with the
  // page's nonce; the one GraphiQL inserts (scroll locking under a dialog)
  // takes it from here.
  const nonce = document.currentScript && document.currentScript.nonce;
  if (nonce) window.__webpack_nonce__ = nonce;

  const config = JSON.parse(document.getElementById('playground-config').textContent);
  const LANGS = ['en', 'ko'];

  // The address's parameters: the query string's, else the fragment's.
  const search = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const p = search.has('query') || !fragment.has('query') ? search : fragment;
  const lang = [search.get('lang'), fragment.get('lang')].find((l) => LANGS.includes(l)) ?? 'en';
  document.documentElement.lang = lang;

  /** Variables as given, pretty-printed when they are JSON. */
  function variablesText(raw) {
    if (raw === null || raw.trim() === '') return null;
    try {
      return JSON.stringify(JSON.parse(raw), null, 2);
    } catch {
      return raw; // shown as given; GraphiQL points at the mistake
    }
  }

  // The README's questions, written by the server in each language.
  const questions = (config.tabs[lang] ?? config.tabs.en).map((query) => ({query, variables: null}));
  const query = p.get('query');
  const variables = variablesText(p.get('variables'));

  // localStorage, under this page's prefix (GraphiQL adds its own "graphiql:").
  const prefix = `skillgraph-playground:${lang}:`;
  const storage = {
    getItem(key) {
      try { return localStorage.getItem(prefix + key); } catch { return null; }
    },
    setItem(key, value) {
      try { localStorage.setItem(prefix + key, value); } catch { /* full or unavailable: not kept */ }
    },
    removeItem(key) {
      try { localStorage.removeItem(prefix + key); } catch { /* unavailable */ }
    },
    keys() {
      try { return Object.keys(localStorage).filter((k) => k.startsWith(prefix)); } catch { return []; }
    },
    get length() { return this.keys().length; },
    clear() {
      for (const k of this.keys()) {
        try { localStorage.removeItem(k); } catch { /* unavailable */ }
      }
    },
  };
  const hasTabs = storage.getItem('graphiql:tabState') !== null;

  // The fetcher, at the endpoint. GraphiQL learns a tab's operation name from
  // its editor a moment after a change (a switch of tab too); run at once, it
  // would ask for the previous tab's operation. A document of one operation
  // is sent with that operation's name, whatever GraphiQL thought.
  const fetchAPI = GraphiQL.createFetcher({url: new URL(config.endpoint, location.href).href});
  function onlyOperation(query) {
    try {
      const ops = GraphiQL.GraphQL.parse(query).definitions.filter((d) => d.kind === 'OperationDefinition');
      return ops.length === 1 ? {name: ops[0].name ? ops[0].name.value : null} : null;
    } catch {
      return null; // GraphiQL shows the mistake; the server says it too
    }
  }
  function fetcher(params, options) {
    const only = params && typeof params.query === 'string' ? onlyOperation(params.query) : null;
    return fetchAPI(only ? {...params, operationName: only.name} : params, options);
  }

  const props = {
    fetcher,
    storage,
    defaultTabs: questions,
    shouldPersistHeaders: false,
    inputValueDeprecation: true,
  };
  if (variables) props.defaultEditorToolsVisibility = 'variables';
  if (query !== null && query.trim() !== '') {
    // The editors open on the props; the tabs, on the tabs kept from the last
    // visit, to which GraphiQL adds this one (or selects it, if one holds it
    // already), or on a first visit on defaultTabs: this one first, then the
    // questions.
    props.query = query;
    props.variables = variables ?? '';
    if (!hasTabs) props.defaultTabs = [{query, variables}, ...questions];
  }

  const root = document.getElementById('graphiql');
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
