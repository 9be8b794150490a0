// Thin: admins only, then the service, then the payload.
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireAdmin } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { PageArgs } from "../page-args.type.js";
import { DeadLetter, DeadLetterConnection, ReplayDeadLetterPayload } from "./dead-letter.type.js";

@Resolver()
export class DeadLetterResolver {
  @Query(() => DeadLetterConnection, { description: "Admin: events consumer groups gave up on, newest first, from every context." })
  async deadLetters(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: OrderContext): Promise<DeadLetterConnection> {
    requireAdmin(ctx.identity, "see and replay dead letters");
    const page = await ctx.deadLetters.page(first, after);
    return { edges: page.edges.map(({ cursor, node }) => ({ cursor, node: DeadLetter.from(node) })), pageInfo: page.pageInfo };
  }

  @Mutation(() => ReplayDeadLetterPayload, { description: "Admin: puts a dead letter's event back on its stream (after its cause is fixed) and removes it from the list." })
  async replayDeadLetter(@Arg("id", () => ID) id: string, @Ctx() ctx: OrderContext): Promise<ReplayDeadLetterPayload> {
    requireAdmin(ctx.identity, "see and replay dead letters");
    try {
      return { deadLetter: DeadLetter.from(await ctx.deadLetters.replay(id)), userErrors: [] };
    } catch (error) {
      if (error instanceof DomainError) return { deadLetter: null, userErrors: error.errors.map((e) => UserError.from(e)) };
      throw error;
    }
  }
}
