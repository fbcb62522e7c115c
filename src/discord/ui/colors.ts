/** Embed colours, as the reference bot used them (discord.py's named colours). */
export const Colors = {
  blue: 0x3498db,
  green: 0x2ecc71,
  red: 0xe74c3c,
  orange: 0xe67e22,
  gold: 0xf1c40f,
  teal: 0x1abc9c,
  grey: 0x95a5a6,
  blurple: 0x5865f2
} as const
