// The arguments of this subgraph's paged lists (orders, dead letters): `first` (default 20) and the
// `after` cursor a previous page ended with.
import { ArgsType, Field, Int } from "type-graphql";

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
