/** The `/queue` messages (reference §3.4): the setup embed with its selects, and the searching view. */
import type { LadderMap } from "../../domain/MapPool.js"
import type { Race, RaceCode } from "../../domain/Race.js"
import type { QueueCounts } from "../../ladder/queue/QueueRepo.js"
import type { QueuePreferences } from "../../ladder/queue/PreferencesRepo.js"
import { Colors } from "../ui/colors.js"
import { button, rows, select } from "../ui/components.js"
import { componentEmoji } from "../ui/Emotes.js"
import type { MessageBody } from "../ui/responses.js"

export const QUICK_START_GUIDE_URL = "https://rentry.co/evoladderbot-quickstartguide"
export const MAX_VETOES = 4

export const QUEUE_IDS = {
  guide: "queue:guide",
  join: "queue:join",
  clear: "queue:clear",
  cancel: "queue:cancel",
  bw: "queue:bw",
  sc2: "queue:sc2",
  vetoes: "queue:vetoes",
  leave: "queue:leave"
} as const

export interface QueueLook {
  readonly bwRaces: ReadonlyArray<Race>
  readonly sc2Races: ReadonlyArray<Race>
  readonly maps: ReadonlyArray<LadderMap>
  readonly raceEmote: (race: RaceCode) => string
  readonly gameEmote: (game: "bw" | "sc2") => string
  readonly raceName: (race: RaceCode) => string
}

const NUMBERS = [":one:", ":two:", ":three:", ":four:"]

export const queueSetup = (
  preferences: QueuePreferences,
  readGuide: boolean,
  look: QueueLook
): MessageBody => {
  const chosen = (races: ReadonlyArray<Race>) => races.find((race) => preferences.races.includes(race.code))
  const bw = chosen(look.bwRaces)
  const sc2 = chosen(look.sc2Races)
  const raceSelect = (id: string, placeholder: string, races: ReadonlyArray<Race>, current?: Race) =>
    select(
      id,
      placeholder,
      races.map((race) => ({
        label: race.name,
        value: race.code,
        emoji: componentEmoji(look.raceEmote(race.code)),
        selected: race.code === current?.code
      }))
    )
  const raceLines = [
    ...(bw === undefined ? [] : [`- Brood War: ${look.raceEmote(bw.code)} ${bw.name}`]),
    ...(sc2 === undefined ? [] : [`- StarCraft II: ${look.raceEmote(sc2.code)} ${sc2.name}`])
  ]
  const vetoed = look.maps.filter((map) => preferences.vetoes.includes(map.name))
  return {
    embeds: [
      {
        title: "🎮 Matchmaking Queue",
        description: "Choose one Brood War race and/or one StarCraft II race, veto up to 4 maps, then join.",
        color: Colors.blue,
        fields: [
          {
            name: "⚠️ NEW PLAYERS START HERE ⚠️",
            value: `Read the [Quick Start Guide](${QUICK_START_GUIDE_URL}) before your first match.`,
            inline: false
          },
          {
            name: "Selected Races",
            value: raceLines.length === 0 ? "None selected" : raceLines.join("\n"),
            inline: false
          },
          {
            name: `Vetoed Maps (${vetoed.length}/${MAX_VETOES})`,
            value:
              vetoed.length === 0
                ? "No vetoes"
                : vetoed
                    .map(
                      (map, index) => `${NUMBERS[index] ?? "-"} ${look.gameEmote(map.game)} ${map.shortName}`
                    )
                    .join("\n"),
            inline: false
          }
        ]
      }
    ],
    components: rows(
      [
        ...(readGuide ? [] : [button(QUEUE_IDS.guide, "📘 I've Read the Quick Start Guide", "primary")]),
        button(QUEUE_IDS.join, "🚀 Join Queue", "success"),
        button(QUEUE_IDS.clear, "🗑️ Clear All Selections", "danger"),
        button(QUEUE_IDS.cancel, "✖️ Cancel", "secondary")
      ],
      [raceSelect(QUEUE_IDS.bw, "Brood War race (optional)", look.bwRaces, bw)],
      [raceSelect(QUEUE_IDS.sc2, "StarCraft II race (optional)", look.sc2Races, sc2)],
      [
        select(
          QUEUE_IDS.vetoes,
          "Veto up to 4 maps",
          look.maps.map((map) => ({
            label: map.shortName,
            value: map.name,
            emoji: componentEmoji(look.gameEmote(map.game)),
            selected: preferences.vetoes.includes(map.name)
          })),
          { min: 0, max: MAX_VETOES }
        )
      ]
    )
  }
}

export interface SearchingFacts {
  readonly intervalSeconds: number
  readonly nextWaveAt: number | null
  readonly counts: QueueCounts
}

export const searching = (facts: SearchingFacts): MessageBody => ({
  embeds: [
    {
      title: "🔍 Searching...",
      description: "You are in the matchmaking queue. This message updates after every wave.",
      color: Colors.blue,
      fields: [
        { name: "Search interval", value: `${facts.intervalSeconds} seconds`, inline: true },
        {
          name: "Next match wave",
          value: facts.nextWaveAt === null ? "soon" : `<t:${Math.floor(facts.nextWaveAt / 1000)}:R>`,
          inline: true
        },
        {
          name: "Unique players seen in the last 15 minutes",
          value: String(facts.counts.activePlayers),
          inline: false
        },
        { name: "Ongoing matches", value: String(facts.counts.ongoingMatches), inline: false },
        {
          name: "Currently queueing",
          value: `Brood War: ${facts.counts.broodWar}\nStarCraft II: ${facts.counts.starCraft2}\nBoth: ${facts.counts.both}`,
          inline: false
        }
      ]
    }
  ],
  components: rows([button(QUEUE_IDS.leave, "✖️ Cancel Queue", "danger")])
})

export const queueTimedOut = (searchedFor: string): MessageBody => ({
  embeds: [
    {
      title: "⌛ Queue Timed Out",
      description: `You were searching for ${searchedFor} without a match, so you left the queue. Run \`/queue\` to search again.`,
      color: Colors.orange
    }
  ]
})

export const removedFromQueue: MessageBody = {
  embeds: [
    {
      title: "🚨 Removed from Queue",
      description: "An admin removed you from the queue. You can rejoin the queue at any time with `/queue`.",
      color: Colors.orange
    }
  ]
}
