/**
 * The whole ladder schema, designed from the reference bot's tables (§9 of its specification) with
 * its defects fixed: state that the reference held only in memory (queue, confirmations, per-player
 * rating deltas, staff) is stored, and state machines carry CHECK constraints.
 *
 * Conventions: Discord ids are TEXT (they exceed 2^53); times are INTEGER epoch milliseconds (UTC),
 * written from the application's Clock so tests control them; booleans are INTEGER 0/1.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  yield* sql`
    CREATE TABLE players (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      discord_uid TEXT NOT NULL UNIQUE,
      discord_username TEXT NOT NULL,
      player_name TEXT,
      battletag TEXT,
      alt_player_name1 TEXT,
      alt_player_name2 TEXT,
      country TEXT,
      region TEXT,
      locale TEXT NOT NULL DEFAULT 'enUS',
      accepted_tos INTEGER NOT NULL DEFAULT 0 CHECK (accepted_tos IN (0, 1)),
      accepted_tos_at INTEGER,
      completed_setup INTEGER NOT NULL DEFAULT 0 CHECK (completed_setup IN (0, 1)),
      completed_setup_at INTEGER,
      read_quick_start_guide INTEGER NOT NULL DEFAULT 0 CHECK (read_quick_start_guide IN (0, 1)),
      shield_battery_ack INTEGER NOT NULL DEFAULT 0 CHECK (shield_battery_ack IN (0, 1)),
      is_banned INTEGER NOT NULL DEFAULT 0 CHECK (is_banned IN (0, 1)),
      remaining_aborts INTEGER NOT NULL CHECK (remaining_aborts >= 0),
      aborts_month TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'idle' CHECK (state IN ('idle', 'queueing', 'in_match')),
      current_match_id INTEGER REFERENCES matches (id),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((state = 'in_match') = (current_match_id IS NOT NULL))
    )
  `
  yield* sql`CREATE INDEX players_discord_username ON players (discord_username COLLATE NOCASE)`
  yield* sql`CREATE INDEX players_player_name ON players (player_name COLLATE NOCASE)`

  yield* sql`
    CREATE TABLE ratings (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      discord_uid TEXT NOT NULL REFERENCES players (discord_uid),
      race TEXT NOT NULL,
      mmr INTEGER NOT NULL,
      games_played INTEGER NOT NULL DEFAULT 0 CHECK (games_played >= 0),
      games_won INTEGER NOT NULL DEFAULT 0 CHECK (games_won >= 0),
      games_lost INTEGER NOT NULL DEFAULT 0 CHECK (games_lost >= 0),
      games_drawn INTEGER NOT NULL DEFAULT 0 CHECK (games_drawn >= 0),
      last_played_at INTEGER,
      model_state TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (discord_uid, race),
      CHECK (games_played = games_won + games_lost + games_drawn)
    )
  `
  yield* sql`CREATE INDEX ratings_ladder_order ON ratings (mmr DESC, last_played_at DESC, id DESC)`

  yield* sql`
    CREATE TABLE queue_preferences (
      discord_uid TEXT PRIMARY KEY REFERENCES players (discord_uid),
      races TEXT NOT NULL DEFAULT '[]',
      vetoes TEXT NOT NULL DEFAULT '[]',
      updated_at INTEGER NOT NULL
    )
  `

  yield* sql`
    CREATE TABLE queue_entries (
      discord_uid TEXT PRIMARY KEY REFERENCES players (discord_uid),
      bw_race TEXT,
      sc2_race TEXT,
      vetoes TEXT NOT NULL DEFAULT '[]',
      region TEXT,
      joined_at INTEGER NOT NULL,
      wait_cycles INTEGER NOT NULL DEFAULT 0 CHECK (wait_cycles >= 0),
      channel_id TEXT,
      message_id TEXT,
      CHECK (bw_race IS NOT NULL OR sc2_race IS NOT NULL)
    )
  `
  yield* sql`
    CREATE TABLE queue_activity (
      discord_uid TEXT PRIMARY KEY REFERENCES players (discord_uid),
      last_seen_at INTEGER NOT NULL
    )
  `

  yield* sql`
    CREATE TABLE matches (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      season TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'awaiting_confirmation' CHECK (status IN (
        'awaiting_confirmation', 'in_progress', 'completed', 'conflict', 'aborted', 'abandoned', 'invalidated',
        'unreported'
      )),
      player1_uid TEXT NOT NULL REFERENCES players (discord_uid),
      player2_uid TEXT NOT NULL REFERENCES players (discord_uid),
      player1_race TEXT NOT NULL,
      player2_race TEXT NOT NULL,
      player1_mmr INTEGER NOT NULL,
      player2_mmr INTEGER NOT NULL,
      player1_rank TEXT,
      player2_rank TEXT,
      map_name TEXT NOT NULL,
      server TEXT NOT NULL,
      player1_confirmed_at INTEGER,
      player2_confirmed_at INTEGER,
      confirm_deadline_at INTEGER NOT NULL,
      player1_report INTEGER CHECK (player1_report IN (-4, -3, -1, 0, 1, 2)),
      player2_report INTEGER CHECK (player2_report IN (-4, -3, -1, 0, 1, 2)),
      player1_reported_at INTEGER,
      player2_reported_at INTEGER,
      report_deadline_at INTEGER,
      result INTEGER CHECK (result IN (0, 1, 2)),
      player1_mmr_change INTEGER,
      player2_mmr_change INTEGER,
      player1_replay_id INTEGER REFERENCES replays (id),
      player2_replay_id INTEGER REFERENCES replays (id),
      aborted_by_uid TEXT REFERENCES players (discord_uid),
      resolved_by_uid TEXT,
      resolved_at INTEGER,
      created_at INTEGER NOT NULL,
      confirmed_at INTEGER,
      finished_at INTEGER,
      updated_at INTEGER NOT NULL,
      CHECK (player1_uid <> player2_uid),
      CHECK ((status = 'completed') = (result IS NOT NULL))
    )
  `
  yield* sql`CREATE INDEX matches_player_1 ON matches (player1_uid, created_at)`
  yield* sql`CREATE INDEX matches_player_2 ON matches (player2_uid, created_at)`
  yield* sql`CREATE INDEX matches_open ON matches (status) WHERE status IN ('awaiting_confirmation', 'in_progress')`

  yield* sql`
    CREATE TABLE replays (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      match_id INTEGER REFERENCES matches (id),
      uploader_uid TEXT NOT NULL REFERENCES players (discord_uid),
      replay_hash TEXT NOT NULL,
      storage_key TEXT NOT NULL,
      file_name TEXT NOT NULL,
      size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected', 'unreadable')),
      parsed TEXT,
      verification TEXT,
      error TEXT,
      uploaded_at INTEGER NOT NULL,
      processed_at INTEGER,
      UNIQUE (match_id, uploader_uid, replay_hash)
    )
  `
  yield* sql`CREATE INDEX replays_hash ON replays (replay_hash)`

  yield* sql`
    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
      next_run_at INTEGER NOT NULL,
      lease_owner TEXT,
      lease_expires_at INTEGER,
      last_error TEXT,
      result TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      completed_at INTEGER,
      UNIQUE (kind, idempotency_key),
      CHECK ((status = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
    )
  `
  yield* sql`CREATE INDEX jobs_claimable ON jobs (next_run_at, id) WHERE status IN ('pending', 'failed')`
  yield* sql`CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE status = 'running'`
  yield* sql`CREATE INDEX jobs_finished ON jobs (status, updated_at) WHERE status IN ('completed', 'dead')`

  yield* sql`
    CREATE TABLE mmr_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      discord_uid TEXT NOT NULL REFERENCES players (discord_uid),
      race TEXT NOT NULL,
      match_id INTEGER REFERENCES matches (id),
      cause TEXT NOT NULL CHECK (cause IN ('match', 'admin_resolve', 'admin_adjust')),
      mmr_before INTEGER NOT NULL,
      mmr_after INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    )
  `
  yield* sql`CREATE INDEX mmr_history_player ON mmr_history (discord_uid, race, created_at)`
  yield* sql`CREATE UNIQUE INDEX mmr_history_match_once ON mmr_history (match_id, discord_uid) WHERE cause = 'match'`

  yield* sql`
    CREATE TABLE staff (
      discord_uid TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('owner', 'admin')),
      granted_by_uid TEXT,
      granted_at INTEGER NOT NULL
    )
  `

  yield* sql`
    CREATE TABLE admin_actions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      admin_uid TEXT NOT NULL,
      admin_username TEXT NOT NULL,
      action TEXT NOT NULL,
      target_uid TEXT,
      target_match_id INTEGER,
      before TEXT,
      after TEXT,
      details TEXT NOT NULL DEFAULT '{}',
      reason TEXT,
      performed_at INTEGER NOT NULL
    )
  `
  yield* sql`CREATE INDEX admin_actions_performed ON admin_actions (performed_at DESC)`
  yield* sql`CREATE INDEX admin_actions_target_player ON admin_actions (target_uid)`
  yield* sql`CREATE INDEX admin_actions_target_match ON admin_actions (target_match_id)`

  yield* sql`
    CREATE TABLE player_action_logs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      discord_uid TEXT NOT NULL,
      player_name TEXT NOT NULL,
      setting TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT,
      changed_by TEXT NOT NULL,
      changed_at INTEGER NOT NULL
    )
  `
  yield* sql`CREATE INDEX player_action_logs_player ON player_action_logs (discord_uid, changed_at)`

  yield* sql`
    CREATE TABLE command_calls (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      discord_uid TEXT NOT NULL,
      discord_username TEXT NOT NULL,
      command TEXT NOT NULL,
      called_at INTEGER NOT NULL
    )
  `
  yield* sql`CREATE INDEX command_calls_called_at ON command_calls (called_at)`
  yield* sql`CREATE INDEX command_calls_player ON command_calls (discord_uid)`
  yield* sql`CREATE INDEX command_calls_command ON command_calls (command)`
})
