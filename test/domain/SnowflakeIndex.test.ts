import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { makeSnowflakeIndex } from "../../src/domain/SnowflakeIndex.js"

const ids = (...values: ReadonlyArray<string>) => values.map((value) => Snowflake.make(value))

const snowflakes = fc.stringMatching(/^[0-9]{1,20}$/).map((value) => Snowflake.make(value))

describe("SnowflakeIndex", () => {
  it("finds every id at its first position, from the id or from its digits inside a text", () => {
    fc.assert(
      fc.property(fc.array(snowflakes, { maxLength: 60 }), snowflakes, (list, other) => {
        const index = makeSnowflakeIndex(list)
        list.forEach((id) => {
          expect(index.find(id)).toBe(list.indexOf(id))
          const text = `x,${id};`
          expect(index.findIn(text, 2, 2 + id.length)).toBe(list.indexOf(id))
        })
        expect(index.find(other)).toBe(list.indexOf(other))
      })
    )
  })

  it("tells apart ids that are equal as numbers or differ only beyond a double's precision", () => {
    const index = makeSnowflakeIndex(
      ids("123", "0123", "18446744073709551615", "18446744073709551614", "28446744073709551615", "1000000000")
    )
    expect(index.find("123")).toBe(0)
    expect(index.find("0123")).toBe(1)
    expect(index.find("00123")).toBe(-1)
    expect(index.find("18446744073709551615")).toBe(2)
    expect(index.find("18446744073709551614")).toBe(3)
    expect(index.find("28446744073709551615")).toBe(4)
    expect(index.find("1000000000")).toBe(5)
    expect(index.find("0000000001")).toBe(-1)
  })

  it("finds nothing for what is not an id", () => {
    const index = makeSnowflakeIndex(ids("1", "12"))
    expect(index.find("")).toBe(-1)
    expect(index.find("1a")).toBe(-1)
    expect(index.find("-1")).toBe(-1)
    expect(index.find("123456789012345678901")).toBe(-1)
    expect(index.findIn("12", 1, 1)).toBe(-1)
    expect(index.findIn("x12", 0, 3)).toBe(-1)
    expect(index.findIn("x12", 1, 3)).toBe(1)
  })

  it("extends with more ids, numbered after the ones it has", () => {
    const index = makeSnowflakeIndex(ids("5", "6")).extended(ids("7", "5"))
    expect([index.find("5"), index.find("6"), index.find("7"), index.find("8")]).toEqual([0, 1, 2, -1])
  })
})
