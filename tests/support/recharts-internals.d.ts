// recharts ships types for its internals under types/ but its compiled files under lib/: the tests
// import the nice-tick function the chart uses (tests/unit/client/band-geometry.test.ts).
declare module "recharts/lib/util/scale/getNiceTickValues" {
  export { getNiceTickValues } from "recharts/types/util/scale/getNiceTickValues";
}
