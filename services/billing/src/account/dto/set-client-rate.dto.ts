import { IsAmount } from '@carnet/http';

export class SetClientRateDto {
  // In the item's currency; its digits are checked by parseMoney.
  @IsAmount() unitPrice!: string | number;
}
