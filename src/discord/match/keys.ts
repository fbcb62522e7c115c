/** Keys of the messages the bot edits later (see `Messenger`). */
export const promptKey = (matchId: number, discordUid: string) => `match:${matchId}:${discordUid}:prompt`
export const viewKey = (matchId: number, discordUid: string) => `match:${matchId}:${discordUid}:view`
export const reminderKey = (matchId: number, discordUid: string) => `match:${matchId}:${discordUid}:reminder`
export const shieldKey = (matchId: number, discordUid: string) => `match:${matchId}:${discordUid}:shield`
export const searchKey = (discordUid: string) => `queue:${discordUid}:search`
