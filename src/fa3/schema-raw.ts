/**
 * The official FA(3) schema set as bundled text (Vite/WXT `?raw` imports), for the extension: no
 * fetch, no web_accessible_resources (docs/xsd-validation.md §3.2). ~267 KB: import it in ONE context only
 * (the background worker), or the bundle cost doubles (docs/xsd-validation.md pitfall 11).
 */

import elementarne from './schema/bazowe/ElementarneTypyDanych_v10-0E.xsd?raw';
import kody from './schema/bazowe/KodyKrajow_v10-0E.xsd?raw';
import struktury from './schema/bazowe/StrukturyDanych_v10-0E.xsd?raw';
import main from './schema/schemat_FA(3)_v1-0E.xsd?raw';
import type { Fa3SchemaSet } from './validate';

export const FA3_SCHEMA_SET: Fa3SchemaSet = {
  main,
  bazowe: {
    'StrukturyDanych_v10-0E.xsd': struktury,
    'ElementarneTypyDanych_v10-0E.xsd': elementarne,
    'KodyKrajow_v10-0E.xsd': kody,
  },
};
