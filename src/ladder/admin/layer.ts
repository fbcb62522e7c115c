/** The admin services over the ladder's: audit trail, actions, and the admin views' reads. */
import { Layer } from "effect"
import { AdminActions } from "./AdminActions.js"
import { AdminAudit } from "./AdminAudit.js"
import { AdminQueries } from "./AdminQueries.js"

export const AdminLive = Layer.merge(AdminActions.Default, AdminQueries.Default).pipe(
  Layer.provideMerge(AdminAudit.Default)
)
