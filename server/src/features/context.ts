// What every feature receives: the index plus the few things the shell knows (URIs, the current
// text of files, configuration). Features never do IO themselves; `textOf` is the shell's.
import type { DjangoSessionsSettings } from '../../../common/settings';
import type { WorkspaceIndex } from '../index/workspaceIndex';

export interface FeatureContext {
  index: WorkspaceIndex;
  config: DjangoSessionsSettings;
  /** The URI of a workspace-relative file. */
  uriOf(file: string): string;
  /** The current text of a file (open buffer first, else disk), undefined when unreadable. */
  textOf(file: string): string | undefined;
}
