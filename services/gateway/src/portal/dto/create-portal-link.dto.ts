import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_PORTAL_LINK_DAYS = 30;

export class CreatePortalLinkDto {
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1, { message: 'expiresInDays must be at least 1' })
  @Max(365, { message: 'expiresInDays must be at most 365' })
  expiresInDays?: number;
}
