// shutdown: stop the scan workers and free every tree before the client sends exit.
import type { Session } from '../lsp/session';

export async function onShutdown(session: Session): Promise<void> {
  await session.dispose();
}
