// The admin's view of an event a consumer group gave up on (libs/outbox dead letters).
import { Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfo, UserError } from "@trolley/federation";
import type { DeadLetter as DeadLetterRecord } from "@trolley/outbox";

@ObjectType({ description: "An event a consumer group stopped retrying after EVENT_MAX_DELIVERIES failed deliveries. Fix the cause, then replay it." })
export class DeadLetter {
  @Field(() => ID, { description: "The dead letter's own id; replayDeadLetter takes it." })
  id!: string;

  @Field(() => String, { description: "The stream the event was read from, e.g. payment-events." })
  stream!: string;

  @Field(() => String, { description: "The consumer group (consuming context) that failed, e.g. order." })
  group!: string;

  @Field(() => String, { description: "The entry id in the source stream." })
  entryId!: string;

  @Field(() => String)
  eventId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => String, { description: "The event's JSON, as the stream carried it (the documented event shape)." })
  event!: string;

  @Field(() => String, { description: "The last failure's message." })
  error!: string;

  @Field(() => Int, { description: "Deliveries made before giving up." })
  attempts!: number;

  @Field(() => Date)
  deadLetteredAt!: Date;

  static from(record: DeadLetterRecord): DeadLetter {
    return Object.assign(new DeadLetter(), { ...record, deadLetteredAt: new Date(record.deadLetteredAt) });
  }
}

@ObjectType()
export class DeadLetterEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => DeadLetter)
  node!: DeadLetter;
}

@ObjectType()
export class DeadLetterConnection {
  @Field(() => [DeadLetterEdge])
  edges!: DeadLetterEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class ReplayDeadLetterPayload {
  @Field(() => DeadLetter, { nullable: true, description: "The dead letter replayed (now gone from the list); null when there was none." })
  deadLetter!: DeadLetter | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
