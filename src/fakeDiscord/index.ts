/** The fake Discord for end-to-end tests; see docs/testing-with-fake-discord.md. */
export { FakeDiscord, FakeDiscordServer } from "./FakeDiscord.js"
export type { FakeDiscordOptions, SeedMessage, UserInit, WaitOptions } from "./FakeDiscord.js"
export { FakeDiscordError } from "./FakeDiscordError.js"
export * as GatewayRedirect from "./GatewayRedirect.js"
export { FakeUser } from "./player.js"
export type { ActOptions, DmInput, MessageRef, Where } from "./player.js"
export type { AttachmentInput, CommandOptions, OptionValue } from "./payloads.js"
export type { RateLimitOptions, RoutePattern } from "./rate-limits.js"
export type { RecordedRequest, Violation } from "./recorder.js"
export type { InteractionReply } from "./replies.js"
export { routeTemplates } from "./routes.js"
export type { SignatureMode } from "./signing.js"
export { buttonsOf, componentById, componentsOf, fieldsOf, isEphemeral, textOf } from "./views.js"
export type {
  AttachmentView,
  AutocompleteChoice,
  ComponentView,
  EmbedField,
  EmbedView,
  MessageView,
  ModalInputView,
  ModalView,
  SelectOptionView
} from "./views.js"
export type { EndpointAnswer } from "./webhook.js"
export type { Json, JsonObject } from "./json.js"
